import type { Reporter, TestModule } from 'vitest/node';

const BACKENDS = ['pglite', 'postgres', 'memory', 'redis'] as const;
const SLOWEST = 15;

/**
 * Closes every run with one plain line, `N passed, N failed`, and how many tests ran on each back-end
 * (test names carry `[pglite]`, `[postgres]`, `[memory]` or `[redis]`), so CI output proves both paths ran.
 * It also lists the slowest files, so CI shows where its time goes.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const perBackend = new Map<string, { passed: number; failed: number }>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        for (const backend of BACKENDS) {
          if (!test.fullName.includes(`[${backend}]`) && !test.fullName.includes(`['${backend}']`)) continue;
          const counts = perBackend.get(backend) ?? { passed: 0, failed: 0 };
          if (state === 'passed') counts.passed++;
          if (state === 'failed') counts.failed++;
          perBackend.set(backend, counts);
        }
      }
      // A file that failed outside its tests (an import or a hook) counts as a failure even with no failed test.
      const failedTests = [...module.children.allTests()].filter((t) => t.result().state === 'failed').length;
      if (module.state() === 'failed' && failedTests === 0) failed++;
    }
    const slowest = testModules
      .map((m) => {
        const d = m.diagnostic();
        return { id: m.moduleId.replace(`${process.cwd()}/`, ''), ms: d.duration + d.collectDuration };
      })
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST);
    const total = testModules.reduce(
      (sum, m) => sum + m.diagnostic().duration + m.diagnostic().collectDuration,
      0,
    );
    process.stdout.write(
      `\nSlowest files (of ${Math.round(total / 1000)} s in all files):\n${slowest
        .map((f) => `  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.id}`)
        .join('\n')}\n`,
    );
    const lines = [...perBackend].map(
      ([backend, c]) => `  on ${backend}: ${c.passed} passed, ${c.failed} failed`,
    );
    process.stdout.write(`\nBack-ends:\n${lines.join('\n') || '  (none tagged)'}\n`);
    process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
