/** Convert a 15-character Salesforce Id into its 18-character case-safe form. */
export function toId18(id) {
  if (typeof id !== "string") return id;
  if (id.length === 18) return id;
  if (id.length !== 15) return id;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id.charAt(block * 5 + i);
      if (ch >= "A" && ch <= "Z") bits |= 1 << i;
    }
    suffix += alphabet.charAt(bits);
  }
  return id + suffix;
}
