package io.tfmesh.preflight;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuantitiesTest {

	@ParameterizedTest
	@CsvSource({ "16265368Ki, 16655736832", "64Gi, 68719476736", "68719476736, 68719476736", "1.5Gi, 1610612736",
			"128974848e3, 128974848000", "129M, 129000000", "1Ti, 1099511627776", "500m, 0.500" })
	void readsKubernetesQuantitiesAsBytes(String quantity, String bytes) {
		assertThat(Quantities.bytes(quantity)).hasValueSatisfying(
				value -> assertThat(value).isEqualByComparingTo(new BigDecimal(bytes)));
	}

	@Test
	void refusesWhatIsNotAQuantity() {
		assertThat(Quantities.bytes("lots")).isEmpty();
		assertThat(Quantities.bytes("12 Gi")).isEmpty();
		assertThat(Quantities.bytes("-1Gi")).isEmpty();
		assertThat(Quantities.bytes("")).isEmpty();
	}

	@Test
	void showsGibRoundedDownSoThatNothingBelowTheMinimumReadsAsIt() {
		assertThat(Quantities.gib(new BigDecimal("34359738367"))).isEqualTo("31.9 GiB");
		assertThat(Quantities.atLeastGib(new BigDecimal("34359738367"), 32)).isFalse();
		assertThat(Quantities.atLeastGib(new BigDecimal("34359738368"), 32)).isTrue();
	}

}
