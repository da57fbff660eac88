package io.tfmesh.plan;

import org.jspecify.annotations.Nullable;

/**
 * The diagnosis a plan was made from: the finding whose proposed fix its steps carry out.
 *
 * @param code the finding's code, such as {@code no-bgp-configuration-for-self}
 * @param node the node the finding concerns, null for the whole cluster
 * @param cause the finding's cause in plain words, as it read when the plan was made
 * @param fix the proposed fix in plain words
 * @param kind the fix's kind, such as {@code restart-pod}
 */
public record PlanOrigin(String code, @Nullable String node, String cause, String fix, String kind) {

	/** Where the finding is on its cluster's health page, as that page names it. */
	public String anchor() {
		return ("finding-" + code + (node == null ? "" : "-" + node)).replaceAll("[^A-Za-z0-9_-]", "-");
	}

}
