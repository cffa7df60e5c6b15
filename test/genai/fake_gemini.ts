/**
 * A local stand-in for the Gemini API on 127.0.0.1: answers `POST …/models/MODEL:generateContent`
 * with the behaviour a test chooses (a reply text, an HTTP status, a safety block, or no answer before
 * a delay), and records every request body.
 */

/** How the fake answers the next calls. */
export type FakeBehaviour =
  | { kind: "text"; text: string; finishReason?: string }
  | { kind: "status"; status: number; message: string }
  | { kind: "blocked"; reason: string }
  | { kind: "slow"; delayMs: number; text: string };

/** A running fake server. */
export interface FakeGemini {
  baseUrl: string;
  behaviour: FakeBehaviour;
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. */
export function startFakeGemini(behaviour: FakeBehaviour): FakeGemini {
  const controller = new AbortController();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const fake: FakeGemini = {
    baseUrl: "",
    behaviour,
    requests: [],
    async close() {
      for (const t of timers) clearTimeout(t);
      controller.abort();
      await server.finished;
    },
  };
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
  const reply = (text: string, finishReason = "STOP") =>
    json({ candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason, index: 0 }] });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen() {} },
    async (request) => {
      const url = new URL(request.url);
      const body = await request.json() as Record<string, unknown>;
      fake.requests.push({ path: url.pathname, body });
      if (!/\/models\/[^/]+:generateContent$/.test(url.pathname)) return json({ error: "not found" }, 404);
      const b = fake.behaviour;
      switch (b.kind) {
        case "text":
          return reply(b.text, b.finishReason);
        case "status":
          return json(
            { error: { code: b.status, message: b.message, status: "RESOURCE_EXHAUSTED" } },
            b.status,
          );
        case "blocked":
          return json({ promptFeedback: { blockReason: b.reason } });
        case "slow":
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve();
            }, b.delayMs);
            timers.add(t);
          });
          return reply(b.text);
      }
    },
  );
  fake.baseUrl = `http://127.0.0.1:${server.addr.port}`;
  return fake;
}
