// Only the layer rules (eslint.layers.mjs), with the TypeScript parser and no type information,
// so test/lint/layers.test.ts can lint code that is not a file of the project.
import tseslint from "typescript-eslint";
import { LAYERS } from "../../eslint.layers.mjs";

export default [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, ...LAYERS];
