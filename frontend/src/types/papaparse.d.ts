// The part of Papa Parse the browser uses (reading a county's CSV back for the import page). The
// frontend's tsconfig maps 'papaparse' here because @types/papaparse references Node's types, which
// the browser project must not see; the server's projects keep @types/papaparse.
export interface ParseConfig {
  skipEmptyLines?: boolean | 'greedy';
  delimitersToGuess?: string[];
}
export interface ParseResult<T> {
  data: T[];
  errors: { type: string; code: string; message: string; row?: number }[];
}
declare const Papa: { parse<T>(input: string, config?: ParseConfig): ParseResult<T> };
export default Papa;
