// The reproducibility page's versions: installed packages, Deno and DuckDB's engine, read at build time.
import { buildVersions } from "../../loaders/validation/versions.ts";

console.log(JSON.stringify(await buildVersions(), null, 1));
