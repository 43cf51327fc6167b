// Editing operations passed down to the forms.
import type { Path } from "../model/tree";

export interface Ops {
  set: (path: Path, value: unknown) => void;
  insert: (parent: Path, value: unknown, index?: number) => void;
  remove: (path: Path) => void;
  move: (path: Path, to: number) => void;
}
