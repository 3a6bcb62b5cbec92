import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import {
  registerEmailpassIdentityStep,
  RegisterEmailpassIdentityInput,
} from "./steps/register-emailpass-identity"

/**
 * Creates an admin user who can log in with email and password (what `medusa user`
 * does, as one workflow: a failed user creation also removes the login it registered).
 */
export const createAdminUserWorkflow = createWorkflow(
  "create-admin-user",
  (input: RegisterEmailpassIdentityInput) => {
    const authIdentity = registerEmailpassIdentityStep(input)
    const accountInput = transform({ authIdentity, input }, ({ authIdentity, input }) => ({
      authIdentityId: authIdentity.id,
      userData: { email: input.email },
    }))
    const user = createUserAccountWorkflow.runAsStep({ input: accountInput })
    return new WorkflowResponse(user)
  }
)
