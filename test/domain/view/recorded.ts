/** The recorded real-agent ATIF files (origin: test/fixtures/atif/recorded/README.md). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Trajectory } from "../../../src/domain/trajectory/schema.ts";

export const RECORDED_DIR = join(import.meta.dir, "../../fixtures/atif/recorded");

export const recorded = (name: string): Trajectory => JSON.parse(readFileSync(join(RECORDED_DIR, `${name}.atif.json`), "utf8")) as Trajectory;
