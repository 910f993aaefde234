<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an Atom or RSS feed of paperfeed as a readable page when it is opened in a browser.
  Only titles, dates, authors and links are shown: the abstracts are HTML inside the feed,
  and XSLT in browsers can only show them as text, so they are left to the feed reader.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
    doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:feed/atom:title | rss/channel/title"/> (feed)</title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; color: #1d1d1f; background: #fff; }
          @media (prefers-color-scheme: dark) { body { color: #e8e8ea; background: #16161a; } a { color: #8ab4ff; } }
          .about { padding: .75rem 1rem; border: 1px solid #e86a17; border-radius: .5rem; }
          ol { padding: 0; list-style: none; }
          li { margin: 1.25rem 0; }
          .meta { font-size: .9rem; opacity: .8; }
          code { overflow-wrap: anywhere; }
        </style>
      </head>
      <body>
        <xsl:apply-templates select="atom:feed | rss/channel"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="about">
    <xsl:param name="address"/>
    <p class="about"><strong>This is a web feed.</strong> Copy its address into your feed reader
      to get new papers as they are listed:
      <code><xsl:value-of select="$address"/></code></p>
  </xsl:template>

  <xsl:template match="atom:feed">
    <h1><xsl:value-of select="atom:title"/></h1>
    <p><xsl:value-of select="atom:subtitle"/></p>
    <xsl:call-template name="about">
      <xsl:with-param name="address" select="atom:link[@rel='self']/@href"/>
    </xsl:call-template>
    <p><a href="{atom:link[@rel='alternate']/@href}">Open the web page</a></p>
    <ol>
      <xsl:for-each select="atom:entry">
        <li>
          <a href="{atom:link[@rel='alternate']/@href}"><strong><xsl:value-of select="atom:title"/></strong></a>
          <div class="meta">
            <xsl:value-of select="substring(atom:published, 1, 10)"/>
            <xsl:if test="atom:author"> · <xsl:for-each select="atom:author[position() &lt;= 3]">
                <xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="atom:name"/>
              </xsl:for-each>
              <xsl:if test="count(atom:author) &gt; 3"> et al.</xsl:if>
            </xsl:if>
            <xsl:for-each select="atom:link[@rel='related']"> · <a href="{@href}"><xsl:value-of select="@title"/></a></xsl:for-each>
          </div>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="rss/channel">
    <h1><xsl:value-of select="title"/></h1>
    <p><xsl:value-of select="description"/></p>
    <xsl:call-template name="about">
      <xsl:with-param name="address" select="*[local-name()='link' and @rel='self']/@href"/>
    </xsl:call-template>
    <p><a href="{link}">Open the web page</a></p>
    <ol>
      <xsl:for-each select="item">
        <li>
          <a href="{link}"><strong><xsl:value-of select="title"/></strong></a>
          <div class="meta">
            <xsl:value-of select="pubDate"/>
            <xsl:if test="dc:creator"> · <xsl:value-of select="dc:creator"/></xsl:if>
          </div>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
