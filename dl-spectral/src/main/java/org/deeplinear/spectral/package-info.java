/**
 * The {@code dl-spectral} module of deeplinear (see the project's README for the module map).
 */
package org.deeplinear.spectral;
