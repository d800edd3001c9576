import { join, mergeCats, type Trace, type Value } from './values';

/** A lexical scope: the abstract values of the variables declared in it. */
export class Scope {
  private readonly vars = new Map<string, Value>();
  /** The categories of the fields read from this scope's variables (`user.email`), by name. */
  private reads: Map<string, Map<string, Trace>> | undefined;

  constructor(readonly parent?: Scope) {}

  /** The value of a variable visible from this scope, or undefined when it is not declared. */
  lookup(name: string): Value | undefined {
    return this.owner(name)?.vars.get(name);
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
    const owner = this.owner(name) ?? this.root();
    owner.vars.set(name, join(owner.vars.get(name), value));
  }

  /** Notes the categories of a field read from a variable (`user.email`), where the variable is declared. */
  noteRead(name: string, cats: Map<string, Trace>): void {
    const owner = this.owner(name);
    if (!owner) return;
    owner.reads ??= new Map();
    owner.reads.set(name, mergeCats(owner.reads.get(name), cats)!);
  }

  /** The categories of the fields read from a variable so far. */
  readsOf(name: string): Map<string, Trace> | undefined {
    return this.owner(name)?.reads?.get(name);
  }

  /** The scope that declares a name, if any. */
  private owner(name: string): Scope | undefined {
    return this.vars.has(name) ? this : this.parent?.owner(name);
  }

  private root(): Scope {
    return this.parent ? this.parent.root() : this;
  }
}
