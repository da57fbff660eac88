package io.tfmesh.plan.compile;

import org.jspecify.annotations.Nullable;

/**
 * The route target an intent's networks share, in the form contrail-api stores
 * ({@code target:<asn>:<number>}, {@code virtual_network.py}). Its number is derived from the
 * intent's id alone, so every plan of the same intent names the same target. It stays below the
 * range the schema transformer allocates from (tf-controller {@code cfgm_common/__init__.py}:
 * 8000000 and up for a 2-byte ASN, 8000 to 32768 for a 4-byte one), which the API refuses for a
 * target of its own global ASN ({@code route_target.py} {@code validate_route_target_range}).
 */
final class RouteTargets {

	/** Numbers 7000000 to 7999999: apart from hand-made targets, below the automatic ones. */
	static final long BASE_2_BYTE = 7_000_000L;

	static final long SPAN_2_BYTE = 1_000_000L;

	/** Numbers 1000 to 7999 for a 4-byte ASN, whose targets carry a 2-byte number. */
	static final long BASE_4_BYTE = 1_000L;

	static final long SPAN_4_BYTE = 7_000L;

	private RouteTargets() {
	}

	/**
	 * The target of an intent: of the destination's ASN when it fits in 2 bytes, else of the
	 * source's, else of the destination's 4-byte ASN with a 2-byte number.
	 * @return null when a side has no ASN
	 */
	static @Nullable String of(long intentId, @Nullable Long sourceAsn, @Nullable Long destinationAsn) {
		if (sourceAsn == null || destinationAsn == null) {
			return null;
		}
		if (destinationAsn <= PeeringSteps.MAX_2_BYTE_ASN) {
			return "target:" + destinationAsn + ":" + (BASE_2_BYTE + Math.floorMod(intentId, SPAN_2_BYTE));
		}
		if (sourceAsn <= PeeringSteps.MAX_2_BYTE_ASN) {
			return "target:" + sourceAsn + ":" + (BASE_2_BYTE + Math.floorMod(intentId, SPAN_2_BYTE));
		}
		return "target:" + destinationAsn + ":" + (BASE_4_BYTE + Math.floorMod(intentId, SPAN_4_BYTE));
	}

}
