/**
 * The allowlist: address → role, held in KV under `["user", email]`. Only the admin's `users`
 * task writes it; nobody signs themselves up. Removing a user or changing their role ends their
 * sessions at once (and the gateway also compares every session's role with the allowlist on
 * each request).
 */
import { isRole, type Role } from "../platform/access_policy.ts";
import { normaliseEmail } from "./email_address.ts";
import { endSessionsOf } from "./sessions.ts";

/** An allowlist entry. */
export interface User {
  email: string;
  role: Role;
}

/** The role of `email`, or undefined when it is not on the allowlist. */
export async function roleOf(kv: Deno.Kv, email: string): Promise<Role | undefined> {
  const entry = await kv.get<{ role: string }>(["user", email]);
  const role = entry.value?.role;
  return isRole(role) ? role : undefined;
}

function checked(text: string): string {
  const email = normaliseEmail(text);
  if (!email) throw new Error(`"${text}" is not an email address`);
  return email;
}

/** Adds `email` with `role`, or changes its role (ending its sessions). Returns the sessions ended. */
export async function setUser(kv: Deno.Kv, text: string, role: string): Promise<number> {
  const email = checked(text);
  if (!isRole(role)) throw new Error(`"${role}" is not a role; expected executive, caretaker or reviewer`);
  const before = await roleOf(kv, email);
  await kv.set(["user", email], { role });
  return before !== undefined && before !== role ? await endSessionsOf(kv, email) : 0;
}

/** Removes `email` and ends its sessions; throws when it is not on the allowlist. */
export async function removeUser(kv: Deno.Kv, text: string): Promise<number> {
  const email = checked(text);
  if ((await roleOf(kv, email)) === undefined) throw new Error(`${email} is not on the allowlist`);
  await kv.delete(["user", email]);
  return await endSessionsOf(kv, email);
}

/** Clears the consecutive-failure count of `email`, re-enabling sign-in after the hard stop. */
export async function enableUser(kv: Deno.Kv, text: string): Promise<void> {
  const email = checked(text);
  await kv.atomic().set(["fail", email], new Deno.KvU64(0n)).delete(["acct", email]).commit();
}

/** Every allowlist entry, sorted by address. */
export async function listUsers(kv: Deno.Kv): Promise<User[]> {
  const users: User[] = [];
  for await (const entry of kv.list<{ role: string }>({ prefix: ["user"] })) {
    const email = entry.key[1];
    if (typeof email === "string" && isRole(entry.value.role)) users.push({ email, role: entry.value.role });
  }
  return users.sort((a, b) => a.email.localeCompare(b.email));
}
