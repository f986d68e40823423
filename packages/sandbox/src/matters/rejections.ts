// The sandbox control that makes a step of the next one-matter application reject for missing
// materials (`/__sandbox/step-rejections`, or `sandbox.stepRejections` in process), so that an app
// can show the correction path (补正) and a test can walk it.

/** A rule: the next application of `bundleId` has its step at `position` rejected. */
interface StepRejectionRule {
  bundleId: string;
  /** The step, from 1. */
  position: number;
  /** The material said to be missing; the step's first material when left out. */
  material?: string;
}

/** The rules waiting for an application; each is used by one. */
export class StepRejections {
  #rules: StepRejectionRule[] = [];

  /** Adds a rule after checking its shape; returns it. */
  add(rule: unknown): StepRejectionRule {
    const r = rule as Partial<StepRejectionRule> | null;
    if (typeof r !== 'object' || r === null) throw new Error('body: must be an object');
    if (typeof r.bundleId !== 'string' || !/^bnd-[a-z0-9-]{1,100}$/.test(r.bundleId)) {
      throw new Error('bundleId: must be a bundle id');
    }
    if (!Number.isInteger(r.position) || (r.position as number) < 1) {
      throw new Error('position: must be an integer from 1');
    }
    if (
      r.material !== undefined &&
      (typeof r.material !== 'string' || !/^[a-z0-9-]{1,60}$/.test(r.material))
    ) {
      throw new Error('material: must be a material key');
    }
    const added: StepRejectionRule = {
      bundleId: r.bundleId,
      position: r.position as number,
      ...(r.material !== undefined ? { material: r.material } : {}),
    };
    this.#rules.push(added);
    return added;
  }

  /** The rules waiting. */
  list(): StepRejectionRule[] {
    return [...this.#rules];
  }

  clear(): void {
    this.#rules = [];
  }

  /** Takes the rules for an application of `bundleId` (they are used up). */
  take(bundleId: string): StepRejectionRule[] {
    const taken = this.#rules.filter((r) => r.bundleId === bundleId);
    this.#rules = this.#rules.filter((r) => r.bundleId !== bundleId);
    return taken;
  }
}
