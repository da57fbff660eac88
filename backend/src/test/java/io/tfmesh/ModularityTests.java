package io.tfmesh;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules are the direct sub-packages of {@code io.tfmesh}. Verification rejects cycles
 * between them and references into another module's internals: a sub-package of a module is
 * internal unless its package-info declares it a named interface.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(TfmeshApplication.class);

	@Test
	void verifiesModularStructure() {
		modules.verify();
	}

	/** Component diagrams and a module canvas in target/spring-modulith-docs. */
	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

}
