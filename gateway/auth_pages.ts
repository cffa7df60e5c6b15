/**
 * The sign-in pages: plain HTML forms (no script), labelled inputs, one heading, messages in a
 * live region, a stylesheet from the gateway itself. Both pages are the same for every address.
 */

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)} · Lodestar</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/auth/login.css">
</head>
<body>
<main>
<p class="brand">Lodestar</p>
${body}
</main>
</body>
</html>
`;
}

/** The stylesheet of both pages. */
export const LOGIN_CSS = `:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0; display: grid; place-items: center; min-height: 100vh; }
main { max-width: 26rem; padding: 2rem; }
.brand { font-weight: 700; letter-spacing: .05em; text-transform: uppercase; font-size: .85rem; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid currentColor; border-radius: 4px; }
input:focus, button:focus { outline: 3px solid #2f6fdf; outline-offset: 2px; }
button { font: inherit; margin-top: 1rem; padding: .5rem 1.25rem; border: 0; border-radius: 4px; background: #1f4fb0; color: #fff; cursor: pointer; }
.message { padding: .5rem .75rem; border-left: 4px solid #b06a00; background: rgba(176, 106, 0, .1); }
.hint { font-size: .9rem; opacity: .8; }
`;

/** Step 1: the address form. */
export function loginPage(next: string, message?: string): string {
  return layout(
    "Sign in",
    `<h1>Sign in</h1>
${message ? `<p class="message" role="alert">${escape(message)}</p>` : '<div role="status"></div>'}
<form method="post" action="/auth/request">
<input type="hidden" name="next" value="${escape(next)}">
<label for="email">Work email address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" autofocus>
<button type="submit">Email me a sign-in code</button>
</form>
<p class="hint">If your address is on the report's access list, you will get a six-digit code. The code works once, for 10 minutes.</p>`,
  );
}

/** Step 2: the code form. `email` is the address the browser's login flow asked for. */
export function codePage(email: string, next: string, message?: string): string {
  return layout(
    "Enter your code",
    `<h1>Enter your code</h1>
${
      message
        ? `<p class="message" role="alert">${escape(message)}</p>`
        : `<p role="status">If ${escape(email)} is on the access list, a code is on its way.</p>`
    }
<form method="post" action="/auth/verify">
<input type="hidden" name="email" value="${escape(email)}">
<input type="hidden" name="next" value="${escape(next)}">
<label for="code">Six-digit code</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus>
<button type="submit">Sign in</button>
</form>
<p class="hint"><a href="/login?next=${
      encodeURIComponent(next)
    }">Use another address or ask for a new code</a></p>`,
  );
}

/** The page shown to a signed-in person who asks for a page their role may not open. */
export function forbiddenPage(home: string): string {
  const link = `<a href="${escape(home)}">Go to your start page</a>`;
  return layout(
    "Not available",
    `<h1>Not available to your role</h1>
<p>This page is not part of what your role can open. ${link}.</p>
<form method="post" action="/auth/logout" class="lodestar-signout"><button type="submit">Sign out</button></form>`,
  );
}
