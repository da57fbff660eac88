package io.tfmesh.system.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI tfmeshOpenApi() {
		return new OpenAPI()
			.info(new Info().title("tfmesh API")
				.version("v1")
				.description("Inventory, address plans, segmentation intents and change plans for Kubernetes clusters "
						+ "running Tungsten Fabric. Errors are RFC 9457 problem details. Writes of versioned objects "
						+ "name the version they are based on (body 'version' or If-Match)."))
			.components(new Components()
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("token",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A personal API token (tfm_...) from /api/v1/tokens or the account page")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}

}
