package io.tfmesh.preflight;

import java.util.List;

/**
 * The verdict of one check on one cluster.
 *
 * @param check the check's key, the same as its rule's when it has one
 * @param verdict the worst of its readings' verdicts; unknown when it has none
 * @param summary one sentence saying why
 */
public record CheckResult(String check, String title, Verdict verdict, String summary, List<Evidence> evidence) {

	public CheckResult {
		evidence = List.copyOf(evidence);
	}

	/** The verdict of these readings together, with the summary that suits it. */
	static CheckResult of(String check, String title, List<Evidence> evidence, String passed, String failed,
			String unknown) {
		Verdict verdict = evidence.isEmpty() ? Verdict.UNKNOWN
				: evidence.stream().map(Evidence::verdict).reduce(Verdict.PASS, Verdict::and);
		String summary = switch (verdict) {
			case PASS -> passed;
			case FAIL -> failed;
			case UNKNOWN -> unknown;
		};
		return new CheckResult(check, title, verdict, summary, evidence);
	}

}
