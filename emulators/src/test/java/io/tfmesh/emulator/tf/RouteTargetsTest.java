package io.tfmesh.emulator.tf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTargetsTest {

	private static final long GLOBAL_ASN = 64512;

	@ParameterizedTest
	@ValueSource(strings = { "target:64512:1000", "target:64512:7999999", "target:64512:16777217",
			"target:64513:8000001", "target:10.0.0.1:5", "target:4200000000:100", "target:64512L:100" })
	void acceptsUserDefinedRouteTargets(String routeTarget) {
		assertThatCode(() -> RouteTargets.check(routeTarget, GLOBAL_ASN, false)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "target:abc", "target:abc:1", "route:64512:1", "target:64512", "target:64512:x",
			"target:64512:1:2", "target::1", "64512:1000" })
	void refusesWhatIsNotARouteTarget(String routeTarget) {
		assertThatThrownBy(() -> RouteTargets.check(routeTarget, GLOBAL_ASN, false)).isInstanceOf(ApiError.class)
			.hasMessage(RouteTargets.FORMAT);
	}

	@ParameterizedTest
	@CsvSource({ "target:64512:8000000, 8000000, 16777216", "target:64512:16777216, 8000000, 16777216",
			"target:64512:0, 8000000, 16777216" })
	void refusesTheRangeContrailAllocatesFromForTheGlobalAsn(String routeTarget, long min, long max) {
		assertThatThrownBy(() -> RouteTargets.check(routeTarget, GLOBAL_ASN, false)).isInstanceOf(ApiError.class)
			.hasMessage("Configured route target must use ASN that is different from global ASN or route target value"
					+ " must be less than " + min + " and greater than " + max);
	}

	@ParameterizedTest
	@ValueSource(strings = { "target:4200000000:9000", "target:4200000000:70000" })
	void appliesTheTwoByteIndexRangeToAFourByteGlobalAsn(String routeTarget) {
		assertThatThrownBy(() -> RouteTargets.check(routeTarget, 4_200_000_000L, true)).isInstanceOf(ApiError.class)
			.hasMessageContaining("less than 8000 and greater than 32768");
		assertThatCode(() -> RouteTargets.check("target:4200000000:100", 4_200_000_000L, true))
			.doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "target:64512L:70000" })
	void limitsTheIndexOfAFourByteAsnTarget(String routeTarget) {
		assertThatThrownBy(() -> RouteTargets.check(routeTarget, null, false))
			.hasMessage("Route Target index value must be less than 0xFFFF in case of 4 byte ASN");
	}

}
