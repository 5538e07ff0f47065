import "server-only";
import { AppError } from "../errors";

/** The chunks of a request body, refusing it with 413 once it passes `maxBytes`. */
export async function* limitBytes(body: ReadableStream<Uint8Array>, maxBytes: number, what = "The file"): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", `${what} is larger than ${maxBytes} bytes`);
    }
    yield value;
  }
}
