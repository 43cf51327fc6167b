// What the engine says the document prints, for the editor: the outline (numbers and titles as
// printed), each table's computed cells and totals, the openers of lessons and solution groups
// (`outline::Outline`, with every preview answer). The UI computes none of it; until the first
// answer arrives it shows no labels.
import { createContext, useContext } from "react";
import type { Openers, Outline, OutlineKind, TableView } from "../bindings/types";
import { anchorOf, parsePath, type Path } from "../model/tree";

/** One entry of the outline panel. */
export interface OutlineItem {
  /** Where it lives in the report. */
  path: Path;
  /** What it is. */
  kind: OutlineKind;
  /** Its number as printed ("I.", "1.", "a)"); empty when it has none. */
  number: string;
  /** Label as shown ("I. KẾT QUẢ…", "1. Ưu điểm", "Bài học kinh nghiệm (04)"). */
  label: string;
  /** Nesting depth. */
  depth: number;
  /** Whether it can be moved and deleted (items of an array). */
  movable: boolean;
}

/** The engine's answer, ready to look up by path. */
export interface View {
  items: OutlineItem[];
  /** Tables by their engine path ("body.content[0].blocks[1]"). */
  tables: Map<string, TableView>;
  /** Openers by their block's engine path. */
  openers: Map<string, Openers>;
}

/** Nothing known yet. */
export const EMPTY_VIEW: View = { items: [], tables: new Map(), openers: new Map() };

/** The view of an engine answer. */
export function viewOf(o: Outline | null | undefined): View {
  if (!o) return EMPTY_VIEW;
  return {
    items: o.items.map((it) => ({ path: parsePath(it.path), kind: it.kind, number: it.number, label: it.label, depth: it.depth, movable: it.movable })),
    tables: new Map(o.tables.map((t) => [t.path, t])),
    openers: new Map(o.openers.map((x) => [x.path, x])),
  };
}

export const ViewContext = createContext<View>(EMPTY_VIEW);

/** The engine's view of the report being edited. */
export function useView(): View {
  return useContext(ViewContext);
}

/** The computed cells and totals of the table at `path`, once the engine has answered. */
export function useTableView(path: Path): TableView | undefined {
  return useView().tables.get(anchorOf(path));
}

/** The openers of the lessons or solution groups block at `path`, once the engine has answered. */
export function useOpeners(path: Path): Openers | undefined {
  return useView().openers.get(anchorOf(path));
}

/** The outline entry at `path`, if the engine listed it. */
export function useOutlineItem(path: Path): OutlineItem | undefined {
  const key = anchorOf(path);
  return useView().items.find((it) => anchorOf(it.path) === key);
}
