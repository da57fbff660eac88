package io.tfmesh.fabric.kubernetes;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesFailuresTest {

	private final KubernetesFailures failures = new KubernetesFailures(null, "the-token", "");

	@ParameterizedTest
	@CsvSource({ "400, BAD_REQUEST", "401, UNAUTHORIZED", "403, FORBIDDEN", "404, NOT_FOUND", "409, CONFLICT",
			"422, BAD_REQUEST", "429, SERVER_ERROR", "500, SERVER_ERROR", "503, SERVER_ERROR" })
	void classifiesAnswersByStatus(int code, Kind kind) {
		FabricException ex = failures.translate("list nodes",
				new KubernetesClientException("Failure executing: GET", code, null));

		assertThat(ex.kind()).isEqualTo(kind);
		assertThat(ex.status()).isEqualTo(code);
		assertThat(ex.source()).isEqualTo("kubernetes");
		assertThat(ex.getMessage()).startsWith("list nodes: HTTP " + code);
	}

	@Test
	void classifiesFailuresWithoutAnswerByCause() {
		assertThat(failures.translate("get", new KubernetesClientException("late", new TimeoutException("300ms")))
			.kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(failures
			.translate("get", new KubernetesClientException("down",
					new IOException("Connection refused: /127.0.0.1:1", new ConnectException("Connection refused"))))
			.getMessage()).isEqualTo("get: Connection refused: /127.0.0.1:1");
		assertThat(failures.translate("get", new KubernetesClientException("down", new ConnectException("refused")))
			.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(failures
			.translate("get", new KubernetesClientException("odd", new IllegalArgumentException("not JSON")))
			.kind()).isEqualTo(Kind.INVALID_RESPONSE);
	}

	@Test
	void neverRepeatsTheToken() {
		FabricException ex = failures.translate("list nodes", new KubernetesClientException("Failure", 401,
				new StatusBuilder().withMessage("token the-token is expired").build()));

		assertThat(ex.getMessage()).isEqualTo("list nodes: HTTP 401 (token [token] is expired)");
	}

}
