package io.tfmesh.sandbox;

import io.tfmesh.TfmeshApplication;

import org.springframework.boot.SpringApplication;

/**
 * tfmesh with its sandbox: the same application, with the emulated clusters of the
 * {@code sandbox} profile started beside it.
 */
public final class SandboxApplication {

	private SandboxApplication() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TfmeshApplication.class);
		application.setAdditionalProfiles("sandbox");
		application.run(args);
	}

}
