package org.deeplinear.spectral.timeline;

import static org.deeplinear.spectral.timeline.PlateausTest.SPECTRUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The band test {@code max <= (1 + band) * min} of {@link Plateaus#detect} decided exactly, as its Javadoc states,
 * not as the rounded {@code fl(fl(1 + band) * min)}: losses a few ulps from the boundary on either side, for a band
 * run (two samples) and for merge condition 2 (two runs). Each case states, checked in BigDecimal, on which side of
 * the exact boundary it lies; the rounded comparison put every one of them on the other side. All losses are near
 * the residual R_2 = 2.5 of sigma = (4, 3, 2, 1) (closer to it than to R_3 = 0.5), so every run has rank 2.
 */
class PlateauBandBoundaryTest {

    /** Whether {@code max <= (1 + band) * min} exactly. */
    private static boolean exactlyWithin(double max, double min, double band) {
        return new BigDecimal(max).compareTo(BigDecimal.ONE.add(new BigDecimal(band)).multiply(new BigDecimal(min)))
                <= 0;
    }

    private static List<Plateau> detect(double[] loss, double band) {
        double[] times = new double[loss.length];
        for (int j = 0; j < times.length; j++) {
            times[j] = j;
        }
        return Plateaus.detect(times, loss, SPECTRUM, band, 1);
    }

    @Test
    void aRunJustOutsideTheBandIsNoPlateau() {
        double band = 0.020504040574610083;
        double[] loss = {1.7308781907032909, 1.766368187355179};
        assertFalse(exactlyWithin(loss[1], loss[0], band)); // the rounded product said within
        assertEquals(List.of(), detect(loss, band));
    }

    @Test
    void aRunJustInsideTheBandIsAPlateau() {
        double band = 0.04812072963668732;
        double[] loss = {1.7173224016222268, 1.7999612086097165};
        assertTrue(exactlyWithin(loss[1], loss[0], band)); // the rounded product said outside
        List<Plateau> plateaus = detect(loss, band);
        assertEquals(1, plateaus.size());
        assertEquals(0, plateaus.get(0).startIndex());
        assertEquals(1, plateaus.get(0).endIndex());
    }

    @Test
    void runsJustOutsideEachOthersBandAreNotMerged() {
        // runs {x, y} and {z, z}: z is beyond the band of x (so the first run ends at y), and merge condition 2,
        // z <= (1 + band) y, fails exactly by a few ulps
        double band = 0.019518585083675655;
        double x = 1.6816343837943928;
        double y = 1.695484859093511;
        double z = 1.7285783245738116;
        assertTrue(exactlyWithin(y, x, band));
        assertFalse(exactlyWithin(z, x, band));
        assertFalse(exactlyWithin(z, y, band)); // the rounded product said within
        List<Plateau> plateaus = detect(new double[] {x, y, z, z}, band);
        assertEquals(2, plateaus.size());
        assertEquals(1, plateaus.get(0).endIndex());
        assertEquals(2, plateaus.get(1).startIndex());
    }

    @Test
    void runsJustInsideEachOthersBandAreMerged() {
        double band = 0.02890996354661867;
        double x = 1.7078235886098705;
        double y = 1.7437320488371235;
        double z = 1.7941432788040754;
        assertTrue(exactlyWithin(y, x, band));
        assertFalse(exactlyWithin(z, x, band));
        assertTrue(exactlyWithin(z, y, band)); // the rounded product said outside
        List<Plateau> plateaus = detect(new double[] {x, y, z, z}, band);
        assertEquals(1, plateaus.size());
        assertEquals(0, plateaus.get(0).startIndex());
        assertEquals(3, plateaus.get(0).endIndex());
    }
}
