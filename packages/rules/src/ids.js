/** The 32 characters of an 18-character Id's suffix: each encodes the case of 5 characters. */
export const ID18_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Convert a 15-character Salesforce Id into its 18-character case-safe form. */
export function toId18(id) {
  if (typeof id !== "string") return id;
  if (id.length === 18) return id;
  if (id.length !== 15) return id;
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(block * 5 + i);
      if (ch >= "A" && ch <= "Z") bits |= 1 << i;
    }
    suffix += ID18_SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}
