package io.tfmesh.sandbox;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import io.tfmesh.TfmeshApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox is one more module of tfmesh: it uses the others' APIs only, and nothing uses it. */
class SandboxModularityTests {

	/**
	 * Not modules of the application: the emulators are a library of test doubles the sandbox
	 * uses like any other (fabric8, say), and the backend's test jar (shared test support) is on
	 * this module's class path.
	 */
	private static final DescribedPredicate<JavaClass> NOT_APPLICATION = DescribedPredicate.describe(
			"the emulators library and the backend's test classes",
			type -> type.getPackageName().startsWith("io.tfmesh.emulator")
					|| type.getSource().map(source -> source.getUri().toString().contains("-tests.jar")).orElse(false));

	private final ApplicationModules modules = ApplicationModules.of(TfmeshApplication.class, NOT_APPLICATION);

	@Test
	void theSandboxKeepsToTheModuleRules() {
		assertThat(modules.getModuleByName("sandbox")).isPresent();
		assertThat(modules.getModuleByName("inventory")).isPresent();
		assertThat(modules.getModuleByName("emulator")).isEmpty();
		modules.verify();
	}

	@Test
	void noModuleDependsOnTheSandbox() {
		assertThat(modules.stream()
			.filter(module -> !module.getIdentifier().toString().equals("sandbox"))
			.filter(module -> module.getDependencies(modules)
				.stream()
				.anyMatch(dependency -> dependency.getTargetModule().getIdentifier().toString().equals("sandbox"))))
			.isEmpty();
	}

}
