import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { uploadFilesWorkflow } from "@medusajs/medusa/core-flows"
import { imageKind } from "../../../../lib/images"

type UploadedFile = { originalname: string; buffer: Buffer; size: number }

/**
 * POST /store/reviews/media (multipart, field `files`, logged-in customer): photos for a
 * review, stored through the File Module. JPEG, PNG, GIF or WebP (checked by content), at most
 * 6 files of 5 MB. Answers the files' ids, which the review then names in `media: [{ file_id }]`.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const files = ((req as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[]
  if (!files.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Send the photos as multipart form data in the field \"files\"")
  }
  const typed = files.map((file) => ({ file, kind: imageKind(file.buffer) }))
  const refused = typed.find((f) => !f.kind)
  if (refused) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${refused.file.originalname} is not a JPEG, PNG, GIF or WebP image`)
  }
  const { result } = await uploadFilesWorkflow(req.scope).run({
    input: {
      files: typed.map(({ file, kind }) => ({
        filename: `review-${Date.now()}-${file.originalname.replace(/[^\w.-]+/g, "_")}`,
        mimeType: kind!,
        content: file.buffer.toString("base64"),
        access: "public" as const,
      })),
    },
  })
  res.status(201).json({ files: result.map((f) => ({ id: f.id, url: f.url })) })
}
