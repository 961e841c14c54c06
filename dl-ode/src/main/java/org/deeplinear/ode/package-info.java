/**
 * The {@code dl-ode} module of deeplinear (see the project's README for the module map).
 */
package org.deeplinear.ode;
