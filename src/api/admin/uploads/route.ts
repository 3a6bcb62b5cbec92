import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { uploadProductMediaWorkflow } from "../../../workflows/media/upload-product-media"

type UploadedFile = { originalname: string; mimetype: string; buffer: Buffer }

/**
 * POST /admin/uploads, as Medusa's (the admin dashboard's image uploads come here), but
 * images only: each file is checked, stored with its responsive WebP/AVIF variants and
 * recorded. Answers { files: [{ id, url, width, height, variants }] }; a file that is not an
 * accepted image, is empty or is too large gets a 400 and nothing is stored.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  // Medusa's own middleware for this route (multer, in memory) has read the files.
  const uploaded = (req as MedusaRequest & { files?: UploadedFile[] }).files
  if (!uploaded?.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "No files were uploaded")
  }
  const { result } = await uploadProductMediaWorkflow(req.scope).run({
    input: {
      files: uploaded.map((f) => ({ filename: f.originalname, mimeType: f.mimetype, content: f.buffer.toString("base64") })),
    },
  })
  res.status(200).json({ files: result })
}
