/**
 * A number cell's text by index, as last written: a cell whose value has not changed since it was
 * last formatted is not formatted again. Most of a cluster's cells keep their values from era to era
 * (its stake, its budget and allocation while no miner comes or goes), and formatting them was most
 * of the clusters table.
 */
export class TextsByIndex {
  private readonly values: number[] = [];
  private readonly texts: string[] = [];

  constructor(private readonly format: (value: number) => string) {}

  /** `format(value)`, remembered at `index` (a value equal to the last one there, −0 and 0 alike, gives the same text). */
  text(index: number, value: number): string {
    if (this.values[index] === value) return this.texts[index] as string;
    const text = this.format(value);
    this.values[index] = value;
    this.texts[index] = text;
    return text;
  }
}
