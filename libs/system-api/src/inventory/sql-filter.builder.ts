/** Collects AND-ed conditions and their positional parameters ($1, $2, ...) for raw SQL. */
export class SqlFilter {
  readonly parameters: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Binds a value and returns its placeholder. */
  bind(value: unknown): string {
    this.parameters.push(value);
    return `$${this.parameters.length}`;
  }

  /** Adds a condition built from the placeholders of `values`, in order. */
  where(condition: (...placeholders: string[]) => string, ...values: unknown[]): this {
    this.conditions.push(condition(...values.map((value) => this.bind(value))));
    return this;
  }

  get clause(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
