import { join, type Value } from './values';

/** A lexical scope: the abstract values of the variables declared in it. */
export class Scope {
  private readonly vars = new Map<string, Value>();

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

  /** The scope that declares a name, if any. */
  private owner(name: string): Scope | undefined {
    return this.vars.has(name) ? this : this.parent?.owner(name);
  }

  private root(): Scope {
    return this.parent ? this.parent.root() : this;
  }
}
