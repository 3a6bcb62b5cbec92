import fs from "fs"
import os from "os"
import path from "path"
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3"
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types
const S3rver = require("s3rver")

export type S3Server = {
  endpoint: string
  bucket: string
  client: S3Client
  /** Every key in the bucket. */
  keys: () => Promise<string[]>
  get: (key: string) => Promise<{ body: Buffer; cacheControl?: string; contentType?: string }>
  head: (key: string) => Promise<{ cacheControl?: string; contentType?: string }>
  put: (key: string, body: Buffer, headers: { contentType: string; cacheControl?: string }) => Promise<void>
  empty: () => Promise<void>
  stop: () => Promise<void>
}

/** An S3 server (s3rver) on a spare port with one bucket, its data in a temporary folder. */
export async function startS3Server(bucket = "keel-media"): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "keel-s3-"))
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  })
  const keys = async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
    return (listed.Contents ?? []).map((o) => o.Key!).sort()
  }
  return {
    endpoint,
    bucket,
    client,
    keys,
    get: async (key) => {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return {
        body: Buffer.from(await object.Body!.transformToByteArray()),
        cacheControl: object.CacheControl,
        contentType: object.ContentType,
      }
    },
    head: async (key) => {
      const object = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      return { cacheControl: object.CacheControl, contentType: object.ContentType }
    },
    put: async (key, body, { contentType, cacheControl }) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: cacheControl }))
    },
    empty: async () => {
      const all = await keys()
      if (all.length) {
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: all.map((Key) => ({ Key })) } }))
      }
    },
    stop: async () => {
      client.destroy()
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
