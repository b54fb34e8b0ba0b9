import { describe, expect, it } from 'vitest';
import { datasetFromCsv } from '../../models/csv-dataset';
import { createDataset, datasetFromRecords, selectRows } from '../../models/dataset';
import { featureSchema, featureSchemaHash } from '../../models/feature-schema';
import {
  compileEncoder,
  encodeDataset,
  fitPreprocessor,
  referenceRow,
} from '../../models/preprocess';
import { stratifiedFolds, stratifiedSplit } from '../../models/split';
import { createRng } from '../../models/rng';

const data = () =>
  datasetFromRecords(
    [
      { age: 14, town: 'north' },
      { age: 16, town: 'south' },
      { age: 18, town: 'north' },
      { age: null, town: null },
    ],
    [
      { name: 'age', kind: 'numeric' },
      { name: 'town', kind: 'categorical' },
    ],
    [0, 1, 0, 1],
  );

describe('preprocessing', () => {
  it('standardises with statistics of the rows it was fitted on and one-hot encodes categories', () => {
    const prep = fitPreprocessor(data());
    const age = prep.columns[0];
    expect(age).toMatchObject({ kind: 'numeric', mean: 16, median: 16 });
    expect(age?.kind === 'numeric' && age.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(prep.featureNames).toEqual(['age', 'town=north', 'town=south']);
    const x = encodeDataset(prep, data());
    expect(Array.from(x.subarray(0, 3)).map((v) => Number(v.toFixed(6)))).toEqual([
      Number((-2 / Math.sqrt(8 / 3)).toFixed(6)),
      1,
      0,
    ]);
    // A missing number becomes the mean (0); a missing category all zeros.
    expect(Array.from(x.subarray(9, 12))).toEqual([0, 0, 0]);
  });

  it('fits on training rows only: held-out rows do not move the statistics', () => {
    const train = selectRows(data(), [0, 1]);
    const prep = fitPreprocessor(train);
    expect(prep.columns[0]).toMatchObject({ mean: 15, std: 1 });
    expect(prep.featureNames).toEqual(['age', 'town=north', 'town=south']);
  });

  it('encodes an unseen category at predict time as all zeros, the same way row by row', () => {
    const prep = fitPreprocessor(data());
    const out = new Float64Array(prep.width).fill(9);
    compileEncoder(prep)({ age: 17, town: 'east' }, out);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
    expect(out[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 12);
    expect(referenceRow(prep)).toEqual({ age: 16, town: 'north' });
  });

  it('keeps a constant column at zero instead of dividing by zero', () => {
    const ds = createDataset(
      [{ name: 'k', kind: 'numeric', values: Float64Array.from([3, 3, 3]) }],
      [0, 1, 0],
    );
    expect(Array.from(encodeDataset(fitPreprocessor(ds), ds))).toEqual([0, 0, 0]);
  });
});

describe('feature schema hash', () => {
  it('is stable for the same ordered columns and changes with name, kind or order', () => {
    const base = featureSchemaHash(featureSchema(data()));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(
      featureSchemaHash([
        { name: 'age', kind: 'numeric' },
        { name: 'town', kind: 'categorical' },
      ]),
    ).toBe(base);
    expect(
      featureSchemaHash([
        { name: 'town', kind: 'categorical' },
        { name: 'age', kind: 'numeric' },
      ]),
    ).not.toBe(base);
    expect(
      featureSchemaHash([
        { name: 'age', kind: 'categorical' },
        { name: 'town', kind: 'categorical' },
      ]),
    ).not.toBe(base);
  });
});

describe('datasets', () => {
  it('refuses bad columns and labels with a message naming the problem', () => {
    expect(() =>
      createDataset([{ name: 'a', kind: 'numeric', values: new Float64Array(2) }], [0, 1, 1]),
    ).toThrow('Column "a" has 2 values but there are 3 labels.');
    expect(() => createDataset([], [0, 2])).toThrow('Label 2 is 2; labels must be 0 or 1.');
  });

  it('reads a CSV, typing numeric and text columns, and refuses a missing column or one class', () => {
    const csv = 'a;b;y\n1;"x";yes\n2;z;no\n;x;no\n';
    const ds = datasetFromCsv(csv, { target: 'y', positive: ['yes'], separator: ';' });
    expect(ds.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 0]);
    expect(Number.isNaN(ds.columns[0]?.values[2])).toBe(true);
    expect(() => datasetFromCsv(csv, { target: 'q', positive: ['yes'], separator: ';' })).toThrow(
      /no column "q" to predict/,
    );
    expect(() => datasetFromCsv(csv, { target: 'y', positive: ['maybe'], separator: ';' })).toThrow(
      /only one class/,
    );
    expect(() =>
      datasetFromCsv(csv, { target: 'y', positive: ['yes'], exclude: ['c'], separator: ';' }),
    ).toThrow(/no column "c" to exclude/);
  });
});

describe('splits', () => {
  const labels = Uint8Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 1 : 0));

  it('stratified folds balance the classes and depend only on the seed', () => {
    const folds = stratifiedFolds(labels, 5, 42);
    for (let k = 0; k < 5; k++) {
      const rows = [...folds.keys()].filter((i) => folds[i] === k);
      expect(rows).toHaveLength(10);
      expect(rows.filter((i) => labels[i] === 1)).toHaveLength(2);
    }
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
    expect(stratifiedFolds(labels, 5, 7)).not.toEqual(folds);
    expect(() => stratifiedFolds(labels, 11, 1)).toThrow(
      /11 folds need at least 11 rows of each class/,
    );
  });

  it('a stratified split keeps both classes on both sides', () => {
    const s = stratifiedSplit(labels, 0.2, createRng(1));
    expect(s.validation).toHaveLength(10);
    expect(Array.from(s.validation).filter((i) => labels[i] === 1)).toHaveLength(2);
    expect(new Set([...s.train, ...s.validation]).size).toBe(50);
  });
});
