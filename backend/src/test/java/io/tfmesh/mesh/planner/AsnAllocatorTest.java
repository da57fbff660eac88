package io.tfmesh.mesh.planner;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsnAllocatorTest {

	private static final long PRIVATE_MIN = 64512;

	private static final long PRIVATE_MAX = 65534;

	private static final long FOUR_BYTE_MIN = 4200000000L;

	private static final long FOUR_BYTE_MAX = 4294967294L;

	@Test
	void takesTheLowestNumberNobodyUses() {
		assertThat(AsnAllocator.lowestFree(PRIVATE_MIN, PRIVATE_MAX, Set.of())).hasValue(64512);
		assertThat(AsnAllocator.lowestFree(PRIVATE_MIN, PRIVATE_MAX, Set.of(64512L, 64513L, 64515L))).hasValue(64514);
		assertThat(AsnAllocator.lowestFree(PRIVATE_MIN, PRIVATE_MAX, Set.of(64513L))).hasValue(64512);
	}

	@Test
	void ignoresNumbersOutsideTheRange() {
		assertThat(AsnAllocator.lowestFree(PRIVATE_MIN, PRIVATE_MAX, Set.of(100L, 64511L, 65535L, 64512L)))
			.hasValue(64513);
	}

	@Test
	void findsTheGapAfterManyUsedFourByteNumbers() {
		Set<Long> used = LongStream.range(FOUR_BYTE_MIN, FOUR_BYTE_MIN + 100_000).boxed().collect(Collectors.toSet());

		assertThat(AsnAllocator.lowestFree(FOUR_BYTE_MIN, FOUR_BYTE_MAX, used)).hasValue(FOUR_BYTE_MIN + 100_000);
		assertThat(AsnAllocator.lowestFree(FOUR_BYTE_MAX - 1, FOUR_BYTE_MAX, Set.of(FOUR_BYTE_MAX - 1)))
			.hasValue(FOUR_BYTE_MAX);
	}

	@Test
	void answersNothingWhenEveryNumberIsUsed() {
		assertThat(AsnAllocator.lowestFree(64512, 64514, Set.of(64512L, 64513L, 64514L))).isEmpty();
		assertThat(AsnAllocator.lowestFree(FOUR_BYTE_MAX, FOUR_BYTE_MAX, Set.of(FOUR_BYTE_MAX))).isEmpty();
		assertThat(AsnAllocator.lowestFree(FOUR_BYTE_MAX, FOUR_BYTE_MAX, Set.of())).hasValue(FOUR_BYTE_MAX);
	}

	@Test
	void refusesAnEmptyRange() {
		assertThatThrownBy(() -> AsnAllocator.lowestFree(65534, 64512, Set.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("65534-64512");
	}

	@Test
	void keepsACurrentNumberThatIsInRangeAndNobodyElsesOnly() {
		assertThat(AsnAllocator.keeps(64512, PRIVATE_MIN, PRIVATE_MAX, Set.of(64513L))).isTrue();
		assertThat(AsnAllocator.keeps(65534, PRIVATE_MIN, PRIVATE_MAX, Set.of())).isTrue();
		assertThat(AsnAllocator.keeps(64512, PRIVATE_MIN, PRIVATE_MAX, Set.of(64512L))).isFalse();
		assertThat(AsnAllocator.keeps(64511, PRIVATE_MIN, PRIVATE_MAX, Set.of())).isFalse();
		assertThat(AsnAllocator.keeps(65535, PRIVATE_MIN, PRIVATE_MAX, Set.of())).isFalse();
		assertThat(AsnAllocator.keeps(4200000005L, FOUR_BYTE_MIN, FOUR_BYTE_MAX, Set.of(64512L))).isTrue();
	}

}
