/**
 * What every feature builds on: security, web plumbing, errors, validation, the clock and the
 * embedded database. It depends on no feature module; where security needs something a feature
 * owns (API tokens) it defines an interface in {@code system.security} that the feature
 * implements. Features use only its named interfaces ({@code web}, {@code error},
 * {@code validation}, {@code security}, {@code retry}) and the public types of this package.
 */
@ApplicationModule(allowedDependencies = "net")
package io.tfmesh.system;

import org.springframework.modulith.ApplicationModule;
