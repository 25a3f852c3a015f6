/**
 * What the kernel module is built from: the AssemblyScript sources, the compiler version and its flags, and a
 * digest of all three. Shared by scripts/build-wasm.ts (which records the digest in the generated module) and
 * src/backend/kernelsWasm.test.ts (which checks that the committed module was built from the current sources).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const assemblyDir = join(packageDir, "assembly");
export const generatedPath = join(packageDir, "src", "backend", "kernelsWasm.generated.ts");

/**
 * asc's flags. -O3: speed over size; --noAssert: no bounds assertions (the JS side checks operands);
 * --runtime stub: no garbage collector (the kernels allocate nothing); --importMemory: the kernels work in the
 * memory the JS arena owns; --enable simd: 128-bit WebAssembly SIMD (plain, not relaxed).
 */
export const ASC_FLAGS = ["-O3", "--noAssert", "--runtime", "stub", "--importMemory", "--enable", "simd"];

/** The exact compiler version: another asc may emit other bytes from the same sources. */
export function ascVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("assemblyscript/package.json") as { version: string }).version;
}

/** The kernel sources as [file name, text], sorted by name. */
export function kernelSources(): [string, string][] {
  return readdirSync(assemblyDir)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => [name, readFileSync(join(assemblyDir, name), "utf8")]);
}

/** SHA-256 over the compiler version, the flags and every source file. */
export function sourceDigest(): string {
  const hash = createHash("sha256");
  hash.update(`assemblyscript ${ascVersion()}\n${ASC_FLAGS.join(" ")}\n`);
  for (const [name, text] of kernelSources()) hash.update(`${name}\n${text.length}\n${text}`);
  return hash.digest("hex");
}
