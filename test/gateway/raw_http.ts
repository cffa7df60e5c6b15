/**
 * Raw HTTP/1.1 over `Deno.connect`, so request targets reach the server exactly as written
 * (`fetch` and `URL` would resolve `..` and decode on the client).
 */

/** A parsed raw response. */
export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Sends `method target` with `headers` to 127.0.0.1:`port` and reads the whole response. */
export async function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  await conn.write(new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(65536);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
  }
  conn.close();
  const text = new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
  const split = text.indexOf("\r\n\r\n");
  const head = text.slice(0, split).split("\r\n");
  const status = Number(head[0]?.split(" ")[1]);
  const map = new Map<string, string>();
  for (const line of head.slice(1)) {
    const at = line.indexOf(":");
    map.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  let body = text.slice(split + 4);
  if (map.get("transfer-encoding") === "chunked") {
    let out = "";
    let rest = body;
    for (;;) {
      const eol = rest.indexOf("\r\n");
      const size = parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  }
  return { status, headers: map, body };
}
