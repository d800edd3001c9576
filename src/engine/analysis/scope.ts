import { join, type Value } from './values';

/** A lexical scope: the abstract values of the variables declared in it. */
export class Scope {
  private readonly vars = new Map<string, Value>();

  constructor(readonly parent?: Scope) {}

  /** The value of a variable visible from this scope, or undefined when it is not declared. */
  lookup(name: string): Value | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Declares a variable in this scope, replacing an earlier declaration of the same name. */
  declare(name: string, value: Value): void {
    this.vars.set(name, value);
  }

  /**
   * Assigns to a variable where it is declared. Assignments join with the earlier value, since a
   * single forward pass cannot tell which branch ran; an undeclared name becomes a global.
   */
  assign(name: string, value: Value): void {
    let s: Scope | undefined = this;
    while (s && !s.vars.has(name)) s = s.parent;
    const owner = s ?? this.root();
    owner.vars.set(name, join(owner.vars.get(name), value));
  }

  private root(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}
