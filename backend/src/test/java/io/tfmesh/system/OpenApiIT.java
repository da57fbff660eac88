package io.tfmesh.system;

import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The API describes itself, for anyone, and Swagger UI shows it. */
class OpenApiIT extends IntegrationTestSupport {

	@Test
	void theOpenApiDocumentListsTheContractAndItsAuthentication() {
		JsonNode document = api.anonymous().get("/v3/api-docs").json();
		assertThat(document.at("/info/title").asString()).isEqualTo("tfmesh API");
		assertThat(document.get("paths").propertyNames()).contains("/api/v1/clouds", "/api/v1/clouds/{id}",
				"/api/v1/clusters", "/api/v1/clusters/{id}", "/api/v1/clusters/{id}/observe",
				"/api/v1/clusters/{id}/observed", "/api/v1/clusters/{id}/contrail-status", "/api/v1/meshes",
				"/api/v1/meshes/{id}/allocations", "/api/v1/meshes/{id}/conflicts", "/api/v1/audit", "/api/v1/users",
				"/api/v1/tokens");
		assertThat(document.at("/components/securitySchemes").propertyNames()).contains("basic", "token");
		assertThat(api.anonymous().header("Accept", "text/html").get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

}
