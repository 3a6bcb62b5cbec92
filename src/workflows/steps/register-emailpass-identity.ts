import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type RegisterEmailpassIdentityInput = { email: string; password: string }

/** Registers an email/password login; removed again if a later step fails. */
export const registerEmailpassIdentityStep = createStep(
  "register-emailpass-identity",
  async (input: RegisterEmailpassIdentityInput, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const { authIdentity, error } = await auth.register("emailpass", {
      body: { email: input.email, password: input.password },
    })
    if (error || !authIdentity) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Could not create a login for ${input.email}: ${error}`
      )
    }
    return new StepResponse(authIdentity, authIdentity.id)
  },
  async (authIdentityId, { container }) => {
    if (!authIdentityId) {
      return
    }
    await container.resolve(Modules.AUTH).deleteAuthIdentities([authIdentityId])
  }
)
