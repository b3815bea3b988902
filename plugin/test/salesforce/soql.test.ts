import { expect } from 'chai';
import { inListBatches, soqlList, userLookupSoql } from '../../src/salesforce/soql.js';

describe('salesforce/soql', () => {
  it('inListBatches splits a long value list into IN lists of at most the given size, in order, losing none', () => {
    const values = Array.from({ length: 450 }, (_, i) => `user${i}@example.com`);
    const batches = inListBatches(values, 200);
    expect(batches.map((b) => b.length)).to.deep.equal([200, 200, 50]);
    expect(batches.flat()).to.deep.equal(values);
    expect(inListBatches([], 200)).to.deep.equal([]);
  });

  it('a user look-up quotes every value and asks 15-character Ids by their 18-character form', () => {
    const soql = userLookupSoql('Id', ["o'brien@example.com", '005000000000001']);
    expect(soql).to.equal("SELECT Id FROM User WHERE Username IN ('o\\'brien@example.com') OR Id IN ('005000000000001AAA')");
    expect(soqlList(['a', 'b'])).to.equal("'a', 'b'");
  });
});
