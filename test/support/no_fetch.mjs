// Preloaded into Node by offline build tests: any fetch() fails with the URL it tried.
globalThis.fetch = (input) => {
  const url = typeof input === "string" ? input : input.url ?? String(input);
  return Promise.reject(new Error(`network access during an offline build: ${url}`));
};
