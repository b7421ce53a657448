// A school as the register holds it: one row of the DfE's Get Information About Schools file,
// checked, as the import upserts it by URN.
export type SchoolRecord = {
  urn: number;
  name: string;
  phase: string;
  type: string;
  state_funded: boolean;
  local_authority: string;
  postcode: string;
  trust: string | null;
  status: string;
  /** The school's website as an https?:// address, null when it has none; undefined when the file has no such column. */
  website?: string | null;
};
