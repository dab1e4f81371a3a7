// Photos from a phone's camera are several megabytes; they are scaled down to at most 1600 px and sent as JPEG,
// well under the server's limit per photo.
export const maxSide = 1600

/** The size to draw a width × height image at so that neither side exceeds `limit`. */
export function fitWithin(width: number, height: number, limit = maxSide): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height))
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

/** The photo as a JPEG data URL of at most maxSide pixels on its longer side. */
export async function shrinkPhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file)
  const size = fitWithin(bitmap.width, bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height)
  return canvas.toDataURL('image/jpeg', 0.8)
}
