// The middle column's form for the part chosen in the outline.
import type { Report } from "../bindings/types";
import type { Path } from "../model/tree";
import { CollectPanel } from "./Collect";
import { ClosingForm, HeaderForm, NodeForm } from "./Forms";
import type { Ops } from "./ops";

interface PartFormProps {
  report: Report;
  /** The outline entry chosen: `["header"]`, `["closing"]`, `["collection"]` or a node's path. */
  selected: Path;
  ops: Ops;
  /** Starts reading the units' files (collection panel). */
  onReceive: (paths: string[]) => void;
  onNotice: (text: string, error?: boolean) => void;
}

/** The form of the part chosen in the outline: header, closing, collection, or a section. */
export function PartForm({ report, selected, ops, onReceive, onNotice }: PartFormProps) {
  return selected[0] === "header" ? (
    <HeaderForm report={report} ops={ops} />
  ) : selected[0] === "closing" ? (
    <ClosingForm report={report} ops={ops} />
  ) : selected[0] === "collection" ? (
    <CollectPanel report={report} ops={ops} onReceive={onReceive} onNotice={onNotice} />
  ) : (
    <NodeForm report={report} path={selected} ops={ops} />
  );
}
