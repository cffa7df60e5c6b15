/**
 * `deno task users`: the admin's allowlist tool, on the same KV as the gateway.
 *
 *   users list
 *   users add EMAIL ROLE        (also changes a role; ends that user's sessions)
 *   users role EMAIL ROLE       (same as add for an existing user)
 *   users remove EMAIL          (ends that user's sessions)
 *   users enable EMAIL          (clears the failure count after the hard stop)
 *
 * KV: `--kv PATH` (default `.lodestar/gateway.kv`; on Deno Deploy use the platform database).
 */
import { enableUser, listUsers, removeUser, setUser } from "./allowlist.ts";

/** Runs one command; returns the lines to print. */
export async function runUsers(kv: Deno.Kv, args: string[]): Promise<string[]> {
  const [command, email, role] = args;
  switch (command) {
    case "list": {
      const users = await listUsers(kv);
      return users.length ? users.map((u) => `${u.email}\t${u.role}`) : ["(no users)"];
    }
    case "add":
    case "role": {
      if (!email || !role) throw new Error(`usage: users ${command} EMAIL ROLE`);
      const ended = await setUser(kv, email, role);
      return [`${email.trim().toLowerCase()} is ${role}${ended ? ` (${ended} session(s) ended)` : ""}`];
    }
    case "remove": {
      if (!email) throw new Error("usage: users remove EMAIL");
      const ended = await removeUser(kv, email);
      return [`removed ${email.trim().toLowerCase()} (${ended} session(s) ended)`];
    }
    case "enable": {
      if (!email) throw new Error("usage: users enable EMAIL");
      await enableUser(kv, email);
      return [`sign-in re-enabled for ${email.trim().toLowerCase()}`];
    }
    default:
      throw new Error(
        `unknown command ${JSON.stringify(command ?? "")}; expected list, add, role, remove or enable`,
      );
  }
}

if (import.meta.main) {
  const args = [...Deno.args];
  const at = args.indexOf("--kv");
  const path = at === -1 ? ".lodestar/gateway.kv" : args.splice(at, 2)[1];
  if (at === -1) await Deno.mkdir(".lodestar", { recursive: true });
  const kv = await Deno.openKv(path);
  try {
    for (const line of await runUsers(kv, args)) console.log(line);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exitCode = 1;
  } finally {
    kv.close();
  }
}
