import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { uploadReviewPhotosWorkflow } from "../../../../workflows/upload-review-photos"

type UploadedFile = { originalname: string; buffer: Buffer }

/**
 * POST /store/reviews/media (multipart, field `files`, logged-in customer): photos for a review.
 * Each is decoded and written again before it is stored (JPEG, PNG, GIF, WebP or AVIF, at most 6
 * files of 5 MB; anything else is a 400 and nothing is stored). Answers the files' ids, which the
 * review then names in `media: [{ file_id }]`.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const files = (req as unknown as { files?: UploadedFile[] }).files ?? []
  if (!files.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, 'Send the photos as multipart form data in the field "files"')
  }
  const { result } = await uploadReviewPhotosWorkflow(req.scope).run({
    input: { photos: files.map((file) => ({ name: file.originalname, content: file.buffer.toString("base64") })) },
  })
  res.status(201).json({ files: result })
}
