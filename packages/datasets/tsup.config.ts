import { libraryConfig } from "../../tooling/tsup.shared.ts";

export default libraryConfig();
