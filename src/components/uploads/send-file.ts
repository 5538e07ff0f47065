/**
 * Sends a file as the raw body of a POST to one of the REST API's upload
 * endpoints (CSV import, attachments), from the browser with its session
 * cookie. XMLHttpRequest rather than fetch: only it reports upload progress.
 * Resolves with the JSON answer; rejects with the API's error message.
 */
export function sendFile<T>(
  url: string,
  file: Blob,
  { contentType, onProgress }: { contentType: string; onProgress?: (fraction: number) => void },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", contentType);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300 && body !== undefined) {
        resolve(body as T);
        return;
      }
      const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      reject(new Error(typeof message === "string" && message !== "" ? message : `The upload failed (HTTP ${request.status})`));
    };
    request.onerror = () => reject(new Error("The upload failed: check your connection and try again"));
    request.send(file);
  });
}
