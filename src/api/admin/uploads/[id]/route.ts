import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteProductMediaWorkflow } from "../../../../workflows/media/delete-product-media"

/** DELETE /admin/uploads/:id, as Medusa's, and an image's variants go with it. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const id = req.params.id
  await deleteProductMediaWorkflow(req.scope).run({ input: { ids: [id] } })
  res.status(200).json({ id, object: "file", deleted: true })
}
