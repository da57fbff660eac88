package io.tfmesh.plan.compile;

import java.util.List;

import io.tfmesh.fabric.tf.TfValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reserved ranges are tf-controller's {@code cfgm_common/__init__.py} _BGP_RTGT_MIN_ID_TYPE0 and _TYPE1_2. */
class RouteTargetsTest {

	static final List<Long> IDS = List.of(0L, 1L, 42L, 999_999L, 1_000_000L, 7_999_999L, 8_000_000L, 123_456_789L,
			Long.MAX_VALUE, -5L);

	@Test
	void namesTheDestinationsTwoByteAsnAndANumberFromTheIntentId() {
		assertThat(RouteTargets.of(1, 64513L, 64514L)).isEqualTo("target:64514:7000001");
		assertThat(RouteTargets.of(1, 64513L, 64514L)).isEqualTo(RouteTargets.of(1, 64600L, 64514L));
		assertThat(RouteTargets.of(2, 64513L, 64514L)).isNotEqualTo(RouteTargets.of(1, 64513L, 64514L));
	}

	@Test
	void neverUsesTheRangeTheSchemaTransformerAllocatesFrom() {
		for (long id : IDS) {
			long number = number(RouteTargets.of(id, 64513L, 64514L));
			assertThat(number).as("intent %d", id).isBetween(1L, 7_999_999L);
		}
	}

	@Test
	void takesTheSourcesAsnWhenTheDestinationsNeedsFourBytes() {
		assertThat(RouteTargets.of(3, 64513L, 4_200_000_000L)).isEqualTo("target:64513:7000003");
	}

	@Test
	void keepsTheNumberBelow8000WithAFourByteAsn() {
		for (long id : IDS) {
			String target = RouteTargets.of(id, 4_200_000_001L, 4_200_000_002L);
			assertThat(target).startsWith("target:4200000002:");
			assertThat(number(target)).as("intent %d", id).isBetween(1L, 7_999L);
		}
	}

	@Test
	void isAlreadyInTheFormTheServerStores() {
		for (long id : IDS) {
			String target = RouteTargets.of(id, 64513L, 64514L);
			assertThat(TfValues.routeTarget(target)).isEqualTo(target);
		}
	}

	@Test
	void hasNoneWithoutBothAsns() {
		assertThat(RouteTargets.of(1, null, 64514L)).isNull();
		assertThat(RouteTargets.of(1, 64513L, null)).isNull();
	}

	private static long number(String target) {
		return Long.parseLong(target.substring(target.lastIndexOf(':') + 1));
	}

}
