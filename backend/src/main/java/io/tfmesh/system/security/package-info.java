/**
 * Security configuration: the two filter chains, the role hierarchy and method security.
 * Its only public type is the service provider interface
 * {@link io.tfmesh.system.security.ApiTokenAuthenticator}, which the module that keeps API
 * tokens implements, so that security depends on no feature module.
 */
@NamedInterface("security")
package io.tfmesh.system.security;

import org.springframework.modulith.NamedInterface;
